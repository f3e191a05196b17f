"""The outbox: every side effect (an e-mail, an NHN order) is a row with a unique business key
(`queue`), delivered by claiming each row before it leaves through its channel (`delivery`);
e-mail leaves by SMTP or as .eml files (`mail`). The channels are handed in by the app, so
the outbox knows nothing of what its messages mean.
"""
