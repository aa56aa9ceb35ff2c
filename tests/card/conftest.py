from .fixtures import pcscd, sim_card, trust_dir

__all__ = ["pcscd", "sim_card", "trust_dir"]
