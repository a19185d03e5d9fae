"""The state an activity shows beside its type, in its header and in every list: its booking status while it is
to come or on, "took place" once it has ended (no booking status then), or cancelled or postponed for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lce_platform.content.model import Activity, Status
from lce_platform.facts.timeline import NOT_HELD, activity_ends, phase


@dataclass(frozen=True)
class ActivityState:
    """What the badge of an activity says as of a build's day."""

    badge: str | None
    """The badge's kind: a status value, 'held', or None (no badge: scheduled and not yet over)."""
    gives_way: bool
    """Whether the badge is one the visitor's clock replaces by 'held' once the activity has ended."""
    held_later: bool
    """Whether the page carries a hidden 'held' badge for the visitor's clock to show once the activity ends."""

    @property
    def held(self) -> bool:
        """Whether the activity has taken place."""
        return self.badge == "held"


def activity_state(activity: Activity, today: date) -> ActivityState:
    """The state of an activity as of `today`: 'held' once it has ended (unless cancelled or postponed)."""
    stays = activity.status in NOT_HELD
    if phase(activity, today) == "past" and not stays:
        return ActivityState("held", False, False)
    badge = None if activity.status is Status.scheduled else activity.status.value
    # Only an activity whose end is known can be moved by a clock; one cancelled or postponed stays so.
    later = not stays and activity_ends(activity) is not None
    return ActivityState(badge, later and badge is not None, later)
