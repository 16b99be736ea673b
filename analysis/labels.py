"""How the book names the data's enumerations in charts and tables, in one place.

The data hold short ids (``internal-culture``, ``output``); readers see these labels. A label for a new
enumeration value goes here, beside the others.
"""

from __future__ import annotations

# measures.category
CATEGORY_LABELS = {
    "internal-culture": "Internal culture and standards",
    "enforcement-presence": "Enforcement and presence",
    "victim-support": "Victim support and justice",
    "prevention-engagement": "Prevention and engagement",
}
# The category that looks inward, at the Met's own officers; every other category looks outward.
INWARD_CATEGORY = "internal-culture"
DIRECTION_LABELS = {True: "Inward", False: "Outward"}

# figures.kind
KIND_LABELS = {"output": "Output: police activity", "outcome": "Outcome: harm, misconduct, trust",
               "commitment": "Commitment or target", "context": "Context"}

# critiques.target_kind: what a criticism targets, and which targets count as criticisms of the Met.
TARGET_KIND_LABELS = {"measure": "A Met measure", "plan": "A Met plan as a whole", "met": "The Met itself",
                      "law": "A law", "policing": "Policing in general"}
OF_THE_MET = ("measure", "plan", "met")

# replies.relation: how a reply bears on the criticism it stands beside. Only the paired relations make a reply
# (a stated aim, an answer, words on the same matter); background words are shown as background, never as a reply.
RELATION_LABELS = {"stated-aim": "Stated aim", "answer": "Answer", "related-statement": "On the same matter",
                   "background": "Background"}
PAIRED_RELATIONS = ("stated-aim", "answer", "related-statement")

# measures.status: what a measure row records. Only promises count as what the Met promised.
STATUS_LABELS = {"promise": "Promise", "existing-practice": "Existing practice", "result": "Result"}
PROMISE_STATUS = "promise"

# The topics (figures, events, measures) on the report's subject, labelled; the rest is context.
SUBJECT_LABELS = {"vawg": "Violence against women and girls", "police-misconduct": "Police misconduct", "trust": "Trust"}
ON_SUBJECT_LABELS = {True: "On the report's subject", False: "Other policing or workforce"}

# date_basis (sources, events)
DATE_BASIS_LABELS = {"stated": "Date stated in the source", "inferred": "Date inferred"}
# How every inferred date is marked where the book prints it as text (tables, tooltips, CSV); the web
# book's tables turn the mark into a styled note, and prose uses the ``inferred`` role instead.
INFERRED_MARK = " (inferred)"
