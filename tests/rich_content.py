"""A content tree with every kind of page: the minimal fixture plus a course, an online class and every
kind of resource (used by the search-engine tests through the rich_sites fixture)."""

from __future__ import annotations

HOSTILE_TITLE = 'Kurs </script><script>alert("x")</script> & mer'

# Beside the minimal fixture: a course with sessions, every kind of resource, a programme with partners.
EXTRA_FILES = {
    "activities/2025/data-driven-methods.md": f"""---
title: '{HOSTILE_TITLE}'
type: course
programme: learn-create-engage
area: data-driven-methods
start: 2025-05-06
end: 2025-10-28
venue: media-evolution
registration: https://example.org/register/course
sectors: [performing-arts, music]
language: sv
summary: En sex månader lång kurs om datadrivna metoder för publikarbete.
facilitators: [niels-righolt]
sessions:
  - {{start: 2025-05-06T09:00, end: 2025-05-06T16:00}}
  - {{start: 2025-06-10T09:00, end: 2025-06-10T12:00, venue: online}}
---

Kursen.
""",
    "activities/2025/online-class.md": """---
title: Online class
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-14T10:00
end: 2025-05-14T12:00
venue: media-evolution
status: moved-online
sectors: [film]
summary: A class that moved online.
---
""",
    "resources/case-study/marketing-a-museum.md": """---
title: Marketing a museum
kind: case-study
date: 2025-02-10
sectors: [visual-arts]
summary: How a museum found new visitors with data.
authors: [freja-ahren]
license: CC-BY-4.0
language: en
programme: learn-create-engage
---

Text.
""",
    "resources/report/final-report.md": """---
title: Final report
kind: report
date: 2025-01
sectors: all
summary: What the programme achieved in its first year.
programme: learn-create-engage
---
""",
    "resources/material/slides-brand.md": """---
title: Slides on brands
kind: material
date: 2025-03-19
sectors: [design]
summary: The slides of the class on brands.
activity: 2025/disrupt-for-success
url: https://example.org/slides.pdf
---
""",
    "resources/tutorial/first-steps-with-ai.md": """---
title: First steps with AI
kind: tutorial
date: 2025-03-01
sectors: [games]
summary: A tutorial on generative tools for creators.
programme: learn-create-engage
---
""",
    "resources/recording/vimeo-talk.md": """---
title: A talk on Vimeo
kind: recording
date: 2025-02-20
sectors: [film]
summary: A recorded talk hosted on Vimeo.
programme: learn-create-engage
video: https://vimeo.com/123456789
duration: PT45M
thumbnail: https://example.org/thumb.jpg
captions:
  - {language: sv, src: https://example.org/captions.sv.vtt}
---
""",
    "resources/recording/file-talk.md": """---
title: A talk as a video file
kind: recording
date: 2025-02-21
sectors: [film]
summary: A recorded talk published as a video file.
programme: learn-create-engage
video: https://example.org/talk.mp4
captions:
  - {language: en, src: https://example.org/talk.en.vtt}
---
""",
    "resources/recording/short-link-talk.md": """---
title: A talk shared with a short YouTube link
kind: recording
date: 2025-02-22
sectors: [film]
summary: A recorded talk shared with a youtu.be link that starts part way in.
video: https://youtu.be/ccccccccccc?t=30
transcript: The talk, word for word.
---
""",
    "resources/recording/unlisted-talk.md": """---
title: An unlisted talk on Vimeo
kind: recording
date: 2025-02-23
sectors: [film]
summary: A recorded talk on Vimeo, unlisted, given as its player address.
video: https://player.vimeo.com/video/987654321?h=abcdef1234
transcript: The talk, word for word.
---
""",
    "programmes/sister-programme.md": """---
title: Sister programme
summary: A sister programme run together with a Danish partner.
owner: media-evolution
partners: [danish-centre-for-arts-and-interculture]
start: 2025
website: https://example.org/sister
---
""",
    # A facilitator whose e-mail the vocabulary holds (never shown: no one names them as a contact), and a
    # person and an organisation the content never names (no page).
    "vocabularies/people.yml": """frida-alkestrand-christensen:
  name: Frida Alkestrand Christensen
  role: {sv: Projektledare, en: Project Leader}
  organisation: media-evolution
  email: frida@mediaevolution.se
freja-ahren:
  name: Freja Åhrén
  organisation: media-evolution
  email: freja@mediaevolution.se
  phone: "+46733161914"
niels-righolt:
  name: Niels Righolt
  organisation: danish-centre-for-arts-and-interculture
  email: niels.facilitator@example.org
unnamed-person:
  name: Unnamed Person
  organisation: unnamed-organisation
  email: unnamed.person@example.org
""",
    "vocabularies/organisations.yml": """media-evolution:
  name: {sv: Media Evolution Southern Sweden AB, en: Media Evolution Southern Sweden AB}
  org_number: "5567744247"
  locality: Malmö
european-social-fund:
  name: {sv: Europeiska socialfonden, en: European Social Fund}
region-skane:
  name: {sv: Region Skåne, en: Region Skåne}
danish-centre-for-arts-and-interculture:
  name: {sv: The Danish Centre for Arts & Interculture, en: The Danish Centre for Arts & Interculture}
  country: DK
unnamed-organisation:
  name: {sv: Namnlös organisation, en: Unnamed Organisation}
""",
}
