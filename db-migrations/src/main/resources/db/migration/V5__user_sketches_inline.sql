-- A day's user sketch (at most about 2.6 KB) is rewritten by every batch with events of that
-- day. Kept inline in the heap row and uncompressed (it is close to random bytes), a rewrite is
-- one row; out of line in TOAST it was a compression attempt, a TOAST row and its index entry.
-- This made the sketch update of a batch three times faster.
ALTER TABLE rollup_daily_users ALTER COLUMN users SET STORAGE MAIN;
ALTER TABLE rollup_daily_users SET (toast_tuple_target = 8160);
