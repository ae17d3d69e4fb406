"""Infant Mental Health Pathways as a Plone distribution (plone.distribution).

`configure.zcml` registers the distribution `imh-pathways`; its default content is the tree
`make plone` writes into `distributions/imh-pathways/content/` (see `handlers.py`).
"""
