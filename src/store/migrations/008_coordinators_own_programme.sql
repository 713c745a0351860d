-- Step 8: a coordinator's own programme (issue 22).
--
-- An offer has its own meeting place: the address it already had, and now its town and postcode,
-- each as the group gave it. Day sheets print them alone; nothing is filled in from the group's
-- registered address any more (that printed a trust's office postcode after a park's address).
-- An offer whose address already holds its postcode keeps it there: nothing is moved.
--
-- A cohort may say how many of its teams may be out on one day (empty: no limit), which Suggest
-- keeps to.
--
-- A postcode rule's `district` may now hold a sector ("FY1 4") as well as a district ("FY1"):
-- a sector's rule beats its district's.

ALTER TABLE offer ADD COLUMN town TEXT NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN postcode TEXT NOT NULL DEFAULT '';

ALTER TABLE cohort ADD COLUMN most_per_day INTEGER CHECK (most_per_day IS NULL OR most_per_day >= 1);
