"""The daily follow-up: what is due on a day is planned by a pure function (`plan`) of the
state read from the database (`state`) into typed actions (`actions`); each is carried out
on its own (`apply`, and `term` for an agreement's start, expiry and renewal, with the day's
reminder letters from `letters`) by the run (`run`: a recipe of the steps in `steps`, each
with plain inputs and outputs), after looking again at what it is about.
"""
