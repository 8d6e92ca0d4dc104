"""Process flowcharts (流程图) drawn from a procedure's steps.

``plan.py`` decides which charts a procedure gets and where, ``build.py`` turns its steps into chart content
(``chart.py``), ``layout.py`` and ``routing.py`` into geometry (``geometry.py``), ``drawingml.py`` into an editable
Word drawing and ``svg.py`` into the site's inline SVG.
"""
