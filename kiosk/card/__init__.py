"""Chip ID (CCCD / eMRTD) reading: PC/SC transport, PACE/BAC, secure messaging, LDS parsing,
passive authentication and a simulated card for tests and the demo.

Entry points: :func:`kiosk.card.reader.read_card`, :class:`kiosk.card.keys.AccessKey`,
:class:`kiosk.card.pcsc.monitor.CardMonitor`, :func:`kiosk.card.pcscd.ensure_pcscd`,
:class:`kiosk.card.sim.SimulatedCard`.
"""
