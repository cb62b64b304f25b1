"""The roles data can give an authority or a question: the only vocabulary code uses to
find them. This module is the one place such vocabulary lives.

Code never names an authority id (`samr`, `pboc`, ...) or a question id (`tried_date`,
`contact_phone`, ...): those belong to the data files, and a new authority or a reworded
question needs no code. Instead an item of the data carries a role, and code asks for the
role: `authority.has("police")`, `playbook.by_role("sender_phone")`. A role's name is
deliberately not an id of the packaged data, so a test (tests/test_roles.py) can check
that no id appears in code at all.

The models validate these names (a typo is a catalog error with file and line), and a
playbook may give each question role to one question only.
"""

from typing import Literal

AuthorityRole = Literal[
    "regulator",  # takes a complaint about the respondent: an escalation letter goes there
    "police",  # crimes: gets a police report, and comes first when money was lost to fraud
    "mediation",  # mediates between the user and the respondent
    "final_route",  # on every ladder, last, whatever the provider
    "accepts_crypto",  # still acts when the provider is a crypto wallet
    "needs_address",  # a complaint to it gives both sides' addresses
    "not_after_regulator",  # does not take a dispute another regulator has handled
]

# The form `cases form --to <its hotline number>` prepares for an authority (providers.yaml
# `form:`): the fields of its web platform, or a script for a phone line.
FormKind = Literal["web_form", "phone_script"]
# What `cases form --to` calls the wallet's own in-app form (every other target is an
# authority's `form.to`): listed between the web forms and the phone scripts.
WALLET_FORM = "wallet"

QuestionRole = Literal[
    # The complainant, on the letter's sender and contact lines, typed in full there (and
    # only there: `sender_phone` is masked in every export).
    "sender_name",
    "sender_phone",
    "sender_account",  # the account concerned: its last characters only, in the letter
    # What the user already tried with the respondent: the letter's "I contacted you on ...",
    # the timeline, the case history and the escalation letter's account of it.
    "prior_contact",  # a confirm: whether they contacted the respondent
    "prior_contact_date",
    "prior_contact_channel",  # a choice; its ids name the letter's wording (l_ch_<id>)
    "prior_contact_ref",  # the ticket number: the call sheet and forms quote it
    "prior_contact_reply",  # what they answered: a case's last reply until one is logged
    # The evidence list and demands (their choices are the playbook's own lists).
    "evidence_in_hand",  # a multichoice of the playbook's evidence ids
    "chosen_demands",  # a multichoice of the playbook's demand ids
    "other_demand",  # a demand in the user's own words
    "other_party_number",  # a scammer's number: checked like `check-number` when typed
]

# The complainant's own contact details: never masked when typed (the letter's contact lines
# need them), masked in every export and JSON output.
CONTACT: tuple[QuestionRole, ...] = ("sender_name", "sender_phone")

# The contact reported in the interview, in the order a history tells it: whether, when,
# then the channel, the reference and the reply.
PRIOR_CONTACT: tuple[QuestionRole, ...] = (
    "prior_contact",
    "prior_contact_date",
    "prior_contact_channel",
    "prior_contact_ref",
    "prior_contact_reply",
)
