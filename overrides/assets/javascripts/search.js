// Site search over the Pagefind index, in Material's search box and with its keyboard use.
// Pagefind (its script, its WebAssembly and the index chunks a query needs) loads on the first use of
// the box, so reading a page never downloads any of it. Results are built as DOM nodes, never as HTML.

const box = document.querySelector("[data-lce-search]");
const toggle = document.getElementById("__search");
const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
const words = config.translations || {};
const siteRoot = new URL(config.base || ".", location.href);
const RESULTS_SHOWN = 10;

let pagefind = null;
let loading = null;

// The index is in parts (lce_platform/outputs/search_index.py): pagefind/ holds the first, with Pagefind's script,
// and pagefind/parts.json lists the others, which Pagefind merges in (its multisite search): a query runs on every
// part, with the same options, and the results are ordered by score together.
function loadPagefind() {
  const options = { baseUrl: siteRoot.pathname, excerptLength: 24 };
  loading ??= Promise.all([
    import(new URL("pagefind/pagefind.js", siteRoot).href),
    fetch(new URL("pagefind/parts.json", siteRoot)).then((response) => {
      if (!response.ok) throw new Error(`pagefind/parts.json: ${response.status}`);
      return response.json();
    }),
  ]).then(async ([module, list]) => {
    await module.options(options);
    await module.init();
    await Promise.all(list.parts.map((part) =>
      module.mergeIndex(new URL(`pagefind/parts/${part}/`, siteRoot).pathname, options)));
    pagefind = module;
    return module;
  });
  return loading;
}

function countText(total) {
  if (total === 0) return words["search.result.none"] || "";
  if (total === 1) return words["search.result.one"] || "1";
  return (words["search.result.other"] || "#").replace("#", String(total));
}

// Pagefind's excerpts are the page's text with <mark> around the hits and nothing escaped: everything but
// those two tags is shown as text.
function excerptNodes(excerpt) {
  const nodes = [];
  let mark = null;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") {
      mark = document.createElement("mark");
      nodes.push(mark);
    } else if (part === "</mark>") {
      mark = null;
    } else if (part) {
      (mark ? mark : { append: (node) => nodes.push(node) }).append(document.createTextNode(part));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = data.url;
  link.tabIndex = -1;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const title = document.createElement("h1");
  title.textContent = data.meta?.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  article.append(title, excerpt);
  link.append(article);
  item.append(link);
  return item;
}

function selectedFilters() {
  const filters = {};
  for (const select of box.querySelectorAll("[data-lce-search-filter]")) {
    if (select.value) filters[select.dataset.lceSearchFilter] = select.value;
  }
  return filters;
}

let latestSearch = 0;
let typingTimer = null;
let lastSearched = null;  // the query and filters of the last search started

function searchKey(query) {
  return JSON.stringify([query, selectedFilters()]);
}

// While the reader types, a search waits until 200 ms pass without a key. Only a word of three letters or more loads
// its part of the index ahead (Pagefind's own debounced search loads the parts of every prefix typed, and those of
// one or two letters are the largest).
function searchWhileTyping() {
  const query = box.querySelector("[data-lce-search-query]").value.trim();
  if (pagefind && query.length >= 3) pagefind.preload(query);
  clearTimeout(typingTimer);
  // Pagefind may finish loading (its parts merged) after the submit button searched: the same search again
  // would replace the results, and the first one the focus had moved to.
  if (searchKey(query) === lastSearched) return;
  typingTimer = setTimeout(runSearch, 200);
}

async function runSearch() {
  clearTimeout(typingTimer);
  const searchNumber = ++latestSearch;
  const input = box.querySelector("[data-lce-search-query]");
  const meta = box.querySelector("[data-lce-search-meta]");
  const list = box.querySelector("[data-lce-search-results]");
  const query = input.value.trim();
  const filters = selectedFilters();
  lastSearched = searchKey(query);
  if (!query && Object.keys(filters).length === 0) {
    meta.textContent = words["search.result.placeholder"] || "";
    list.replaceChildren();
    return;
  }
  try {
    await loadPagefind();
  } catch {
    meta.textContent = box.dataset.lceUnavailable;
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  if (searchNumber !== latestSearch) return;  // a newer search has started
  const shown = await Promise.all(search.results.slice(0, RESULTS_SHOWN).map((result) => result.data()));
  if (searchNumber !== latestSearch) return;
  meta.textContent = countText(search.results.length);
  list.replaceChildren(...shown.map(resultItem));
}

function openSearch() {
  toggle.checked = true;
  toggle.dispatchEvent(new Event("change"));
}

function closeSearch() {
  toggle.checked = false;
  toggle.dispatchEvent(new Event("change"));
  box.querySelector("[data-lce-search-query]").blur();
}

function moveFocus(step) {
  const input = box.querySelector("[data-lce-search-query]");
  const targets = [input, ...box.querySelectorAll(".md-search-result__link")];
  const index = targets.indexOf(document.activeElement);
  const next = targets[Math.max(0, Math.min(targets.length - 1, index + step))];
  next.focus();
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

if (box && toggle) {
  const input = box.querySelector("[data-lce-search-query]");
  const meta = box.querySelector("[data-lce-search-meta]");
  meta.textContent = words["search.result.placeholder"] || "";

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      if (!box.contains(document.activeElement)) input.focus();
      meta.textContent = pagefind ? meta.textContent : box.dataset.lceLoading;
      // As typing: the reader may have begun a word while Pagefind loaded.
      loadPagefind().then(searchWhileTyping, () => { meta.textContent = box.dataset.lceUnavailable; });
    }
  });
  // Focus in the box opens it, so that nothing focused sits in a closed box; focus leaving it closes it, so that
  // nothing focused sits under the open one.
  box.addEventListener("focusin", () => {
    if (!toggle.checked) openSearch();
  });
  box.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget && !box.contains(event.relatedTarget)) closeSearch();
  });
  input.addEventListener("input", searchWhileTyping);
  // The submit button (and Enter on it) searches at once and moves to the first result, if any.
  box.querySelector("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!toggle.checked) openSearch();
    await runSearch();
    (box.querySelector(".md-search-result__link") || input).focus();
  });
  box.querySelector("form").addEventListener("reset", () => setTimeout(runSearch));
  for (const select of box.querySelectorAll("[data-lce-search-filter]")) select.addEventListener("change", runSearch);

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (toggle.checked) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeSearch();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        moveFocus(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter" && document.activeElement === input) {
        event.preventDefault();
        box.querySelector(".md-search-result__link")?.click();
      }
    } else if (["/", "s", "f"].includes(event.key) && !typing(event.target)) {
      event.preventDefault();
      openSearch();
    }
  });
}
