"""Sync: sealed envelopes, outbox worker, transport and the reference intake server."""
