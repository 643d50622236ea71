// Usage dashboard: reads GET /api/usage and draws each part as an inline SVG chart with its
// table under it, plus a CSV link with the same numbers.
import { api, errorText, say } from "./api.js";
import { columns, folded, line, ranking, table } from "./charts.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const root = document.querySelector('[data-widget="dashboard"]');
const base = document.body.dataset.api || "/api";
const status = root?.querySelector("[data-dashboard-status]");
const bodyEl = root?.querySelector("[data-dashboard-body]");
const period = root?.querySelector("[data-dashboard-period]");
const KINDS = ["post", "comment", "reaction", "join", "group"];
const kindLabel = (kind) => t(`kind_${kind}`);
// Page names from the build (dashboard.html); a path the build does not know stays a path.
const titles = JSON.parse(document.getElementById("page-titles")?.textContent || "{}");
const pageLabel = (path) => titles[path] || path;

function csvLink(days, name) {
  return el("a", { className: "csv", href: `${base}/usage.csv?days=${days}&table=${name}`,
    textContent: t("downloadCsv"), download: "" });
}

function part(name, ...nodes) {
  const slot = root.querySelector(`[data-chart="${name}"]`);
  slot.replaceChildren(...nodes);
}

function kpis(node, pairs) {
  node.replaceChildren(...pairs.map(([label, value]) => el("div", {}, [
    el("dt", { textContent: label }), el("dd", { textContent: value })])));
}

const share = (value) => (value === null || value === undefined ? "" : ` (${value}%)`);

function render(data) {
  const days = data.days;
  const dates = data.daily.map((d) => d.date);
  const whole = data.scope === "organisation";
  root.querySelector('[data-part="active"]').hidden = !whole;
  root.querySelector('[data-part="views"]').hidden = !whole;
  if (whole) {
    const a = data.active;
    kpis(root.querySelector("[data-kpis]"), [
      [t("dau"), `${a.dau}${share(a.dau_share)}`],
      [t("dauAverage"), String(a.dau_average)],
      [t("wau"), `${a.wau}${share(a.wau_share)}`],
      [t("mau"), `${a.mau}${share(a.mau_share)}`],
      [t("employees"), a.employees ?? "–"],
    ]);
    part("active",
      line(t("activePerDay"), dates, data.daily.map((d) => d.active)),
      folded(t("showNumbers"), table(t("activePerDay"), [t("date"), t("active"), t("views")],
        data.daily.map((d) => [d.date, d.active, d.views]))),
      csvLink(days, "daily"),
      table(t("activePerWeek"), [t("week"), t("active")], data.weekly.map((w) => [w.week, w.active])),
      csvLink(days, "weekly"),
      table(t("activePerMonth"), [t("month"), t("active")], data.monthly.map((m) => [m.month, m.active])),
      csvLink(days, "monthly"));
    part("views",
      columns(t("viewsPerDay"), dates, [{ name: t("views"), className: "bar-views",
        values: data.daily.map((d) => d.views) }]),
      folded(t("showNumbers"), table(t("viewsPerDay"), [t("date"), t("views")],
        data.daily.map((d) => [d.date, d.views]))),
      csvLink(days, "daily"));
    part("pages",
      ranking(t("topPages"), data.pages.map((p) => ({ label: pageLabel(p.path), value: p.views }))),
      table(t("topPages"), [t("page"), t("views")],
        data.pages.map((p) => [pageLabel(p.path), p.views])),
      csvLink(days, "pages"));
  }
  // The one row with `other` sums groups beyond the top and those the viewer may not read.
  const groupLabel = (g) => (g.other ? t("otherGroups") : g.name || g.id);
  part("groups",
    ranking(t("topGroups"), data.groups.map((g) => ({ label: groupLabel(g), value: g.total }))),
    table(t("topGroups"), [t("group"), ...KINDS.map(kindLabel), t("staff"), t("organic"), t("total")],
      data.groups.map((g) => [groupLabel(g), ...KINDS.map((k) => g[k]), g.staff, g.organic, g.total])),
    csvLink(days, "groups"));
  part("contributions",
    columns(t("contributionsPerDay"), dates, [
      { name: t("staff"), className: "bar-staff", values: data.daily.map((d) => d.staff) },
      { name: t("ambassadors"), className: "bar-ambassador",
        values: data.daily.map((d) => d.ambassador) },
      { name: t("organic"), className: "bar-organic", values: data.daily.map((d) => d.organic) },
    ]),
    folded(t("showNumbers"), table(t("contributionsPerDay"),
      [t("date"), ...KINDS.map(kindLabel), t("staff"), t("ambassadors"), t("organic")],
      data.daily.map((d) => [d.date, ...KINDS.map((k) => d[k]), d.staff, d.ambassador,
        d.organic]))),
    csvLink(days, "daily"));
  const growth = [[t("newMembers"), String(data.new_members)]];
  if (data.new_groups !== null) growth.unshift([t("newGroups"), String(data.new_groups)]);
  kpis(root.querySelector("[data-growth]"), growth);
  const questions = root.querySelector("[data-questions]");
  if (data.unanswered.length === 0) {
    questions.replaceChildren(el("p", { textContent: t("noUnanswered") }));
  } else {
    questions.replaceChildren(table(t("unansweredTable"),
      [t("question"), t("group"), t("asked"), t("daysOpen")],
      data.unanswered.map((q) => [q.title || q.id, q.group_name || q.group || "",
        (q.created || "").slice(0, 10), q.days_open])));
  }
  if (data.unanswered_hidden) {
    questions.append(el("p",
      { textContent: t("unansweredHidden").replace("{n}", String(data.unanswered_hidden)) }));
  }
}

let latest = 0;

async function load() {
  const days = new FormData(period).get("days") || "30";
  const ticket = ++latest;
  root.setAttribute("aria-busy", "true");
  try {
    const data = await api(`/usage?days=${days}`);
    if (ticket !== latest) return; // a newer period was chosen meanwhile
    render(data);
    bodyEl.hidden = false;
    say(status, t("usageRange").replace("{from}", data.from).replace("{to}", data.to));
  } catch (err) {
    if (ticket !== latest) return;
    bodyEl.hidden = true;
    say(status, errorText(err, { forbidden: t("usageForbidden"), unauthorized: t("usageSignIn") }),
      { error: true });
  } finally {
    root.setAttribute("aria-busy", "false");
  }
}

if (root) {
  period.addEventListener("change", load);
  // The session widget may announce who is signed in before or after this module runs, so
  // load now, and again whenever someone signs in or out.
  let who;
  document.addEventListener("plein:session", (event) => {
    const id = event.detail ? event.detail.id : null;
    if (who !== undefined && id !== who) load();
    who = id;
  });
  load();
}
