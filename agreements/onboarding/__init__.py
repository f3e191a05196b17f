"""Onboarding one organisation or a CSV of many: the CSV, parsed row by row so bad rows never
stop good ones (`csvfile`), and the idempotent steps — register, draft and send the agreement
of a kilde, prepare the NHN order of a konsument (`steps`).
"""
