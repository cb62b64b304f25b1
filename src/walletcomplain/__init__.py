"""walletcomplain: from 'my wallet went wrong' to the channel, evidence, letter and next step."""

__version__ = "0.1.0"
