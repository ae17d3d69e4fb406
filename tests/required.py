"""What the site must show, typed out from the four source documents.

Deliberately NOT read from data/: if an editor deletes or garbles a course, module or topic
in the YAML, these tests notice. Text is as the sources write it.
"""

# 001 — University of Minnesota CEED: the five courses in the recommended order, with modules.
COURSES = [
    ("Introduction to Infant Mental Health", []),
    ("Understanding Early Social and Emotional Development Using an Infant Mental Health Lens (Part 1)", [
        "Using an Infant Mental Health Lens & Cultural Considerations",
        "Early Childhood Brain Development",
        "Attachment and the Role of Relationships",
        "Self-Regulation and Executive Function",
        "Using What We Know in Observation and Assessment",
    ]),
    ("Understanding Early Social and Emotional Development Using an Infant Mental Health Lens (Part 2)", [
        "Development of the Infant, Toddler, and Preschooler–A Review",
        "Emotional Regulation & Social Skills",
        "Trauma & Development",
        "Resilience in the Face of Adversity",
        "From Knowing to Being & Doing",
    ]),
    ("Working with Parents: Using Infant Mental Health Principles to Support Special Populations", []),
    ("RIOS™ 1: Using the RIOS™ Framework for Reflective Supervision (short course)", []),
]

# 001 — the credential's requirements and rules (phrases that must appear on the credential page).
CREDENTIAL_FACTS = [
    "Credential Completion Form",
    "$15",
    "credit card",
    "certificate",
    "January 2018",
    "Category II Endorsement",
    "stand-alone",
    "3 weeks",
]

# 003 — the 12 monthly training topics, in order.
TOPICS = [
    "Infant Mental Health and Reflective Course Overview",
    "IMH Theory and Practice",
    "Reflective Interaction Observation Scale and Reflective Practices",
    "Pregnancy: The Fantasy and the Reality",
    "Brain Development",
    "Attachment: The Roots of Social and Emotional Development",
    "Atypical Development, Delays and Challenging Behaviors",
    "Bio-Psycho-Social History",
    "Trauma and Its Effects",
    "Culture and Intergenerational Patterns of Dysfunction",
    "Dyadic, Relationship-Based Approaches",
    "Putting It All Together",
]

# 003 — the leadership certificate (phrases that must appear on its page).
LEADERSHIP_FACTS = [
    "Virginia Infant Mental Health Leadership Certificate",
    "birth to 36 months",
    "Category II*",
    "Broadening Our Lens: Incorporating Infant Mental Health Theory and Practice",
    "24",
    "12 months",
    "free to participants",
    "RS Supervisor",
    "case presentations",
    "rotating",
    "Describing", "Responding", "Exploring", "Linking", "Integrating",
    "Understanding the Family Story", "Holding the Baby in Mind", "Professional Use of Self",
    "Parallel Process", "Reflective Alliance",
    "contemplation", "self-awareness", "curiosity", "emotional response",
    "Leadership Certification Registry",
]

# 000 — the career pathway.
PATHWAY_FACTS = [
    "Bachelor", "Master", "licens",
    "psychology", "social work", "early childhood education",
    "clinical social work", "counseling",
    "pediatric hospitals", "early intervention programs", "child care centers",
    "family support worker", "child life specialist", "early childhood educator", "child and family therapist",
    "trauma-informed care", "attachment theory",
    "UC Davis Napa IFECMH Fellowship",
    "LEARN",
]

# Organisations named in the sources and the domain notes; each needs its own heading.
ORGANIZATIONS = [
    "World Association for Infant Mental Health",
    "Alliance for the Advancement of Infant Mental Health",
    "Virginia Association for Infant Mental Health",
    "Center for Early Education and Development",
    "ZERO TO THREE",
    "California Center for Infant-Family and Early Childhood Mental Health",
]

# 002 — training: the five key components and the five FAQ questions.
TRAINING_COMPONENTS = [
    "Infant Development",
    "Attachment and Bonding",
    "Infant Mental Health Disorders",
    "Early Childhood Trauma",
    "Family-Centered Care",
]

FAQ = [
    "What are the common infant mental health disorders?",
    "Who can benefit from infant mental health training?",
    "How can infant mental health training improve infant outcomes?",
    "What are the different training opportunities available for infant mental health?",
    "How can training programs ensure effective infant mental health training?",
]

# Abbreviations the glossary must explain.
ABBREVIATIONS = ["IMH", "IECMH", "IMH-E®", "RIOS™", "RS", "RSC", "WAIMH", "VAIMH", "ECMHVA"]

# Scraped page furniture that must never appear as content.
FURNITURE = [
    "Start Now", "View graphic version", "Play Therapy Certificate", "Skip to sidebar",
    "Check out our other stand-alone online courses", "TEDxOStateU",
]
