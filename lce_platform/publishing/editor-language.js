// The web editor's labels and hints in the language of its interface: the language picked in its settings (Sveltia
// CMS keeps it in localStorage), else the browser's first of Swedish and English, else Swedish. Runs before the CMS,
// which then reads the configuration named here instead of config.yml. Generated configurations: cms.CONFIG_FILES.
(() => {
  const configs = {sv: "config.yml", en: "config.en.yml"};
  let picked = "auto";
  try {
    picked = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}").locale || "auto";
  } catch (error) {
    // No storage (blocked cookies) or unreadable preferences: follow the browser.
  }
  const wanted = picked === "auto" ? [...navigator.languages] : [picked];
  const language = wanted.map((locale) => locale.split("-")[0]).find((code) => code in configs) || "sv";
  const link = document.createElement("link");
  link.rel = "cms-config-url";
  link.type = "application/yaml";
  link.href = configs[language];
  document.head.append(link);
  document.documentElement.lang = language;
})();
