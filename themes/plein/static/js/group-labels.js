// Labels shared by the groups directory and the group page.
import { t } from "./messages.js";

export function kindLabel(group) {
  const kind = t(`group_${group.visibility}`);
  return group.official ? `${kind} · ${t("official")}` : kind;
}

export function countLabel(n) {
  return t(n === 1 ? "oneMember" : "membersCount").replace("{n}", String(n));
}

export function standing(group) {
  if (!group.viewer) return "";
  if (group.viewer.state === "member") {
    return group.viewer.role === "manager" ? t("youManage") : t("youAreMember");
  }
  return group.viewer.state === "invited" ? t("youAreInvited") : t("youRequested");
}
