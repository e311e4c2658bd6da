"""Syntax: parse repairs, clauses (verbal and nominal) and the open propositions
read from them."""
