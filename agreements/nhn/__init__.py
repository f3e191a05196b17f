"""Ordering the service from NHN and NHN's bruksvilkår: the order and its package (`order`),
the ways it leaves the outbox (`channels`), and the HTTP ordering endpoint (`client`).
"""
