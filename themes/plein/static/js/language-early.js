// Sends the reader to this page in the language they chose, before any of it is shown: the
// one classic (not module, not deferred) script, so it runs while the <head> is read and the
// wrong page never paints. The choice is the plein_lang cookie (language.js sets it); the
// page in each language is in <link rel="alternate" hreflang> above this script. A page
// already in that language, or a language not built, goes nowhere: no loop.
(() => {
  const chosen = (document.cookie.match(/(?:^|;\s*)plein_lang=([a-z]{2,3})(?:;|$)/) || [])[1];
  if (!chosen || chosen === document.documentElement.dataset.lang) return;
  const link = document.querySelector(`link[rel="alternate"][hreflang="${chosen}"]`);
  if (!link) return;
  const target = new URL(link.href, window.location.href);
  if (target.origin !== window.location.origin || target.pathname === window.location.pathname) {
    return;
  }
  window.location.replace(target.pathname + window.location.search + window.location.hash);
})();
