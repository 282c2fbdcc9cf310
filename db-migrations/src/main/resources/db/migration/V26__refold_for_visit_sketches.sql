-- The fold now makes each finished day's visit sketches again from its visits, so that visitors
-- by exit page, entry page or source count each visitor once however their visits grew or moved
-- while batches came in (a sketch cannot subtract the visitor of a replaced visit). The days
-- folded before were not: every site is folded again once, from its first day. Until then,
-- reports read the daily rows, as they do for any day the totals do not hold.
DELETE FROM folded_days;
