/**
 * The version of this project's level-2 rule set. It goes into XsltVersie of the retours we build, where
 * the standard expects the version of the validation used (IV028/IV033; LDT_Versie pattern n.n.n, RS048).
 * Raise it whenever a rule's verdict can change: minor for a new or stricter rule, patch for a fix.
 */
export const RULESET_VERSION = '1.0.0';
