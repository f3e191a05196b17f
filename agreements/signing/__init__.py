"""Signing: the provider interface (`provider`), its Posten signering adapter (`posten`), the
polling queues and when each may next be polled (`queues`), the signing settings checked
when the app is built (`settings`), and the verification of every signed PDF with pyHanko
(`verify`). What a signature means for an agreement is `contracts`'.
"""
