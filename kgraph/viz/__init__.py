"""Views of a built graph: the networkx graph and its analytics, the layout, and
the self-contained HTML page."""
