"""Process flowcharts (流程图) drawn from a procedure's steps.

``plan.py`` decides which charts a procedure gets and where, ``build.py`` turns its steps into chart content
(``chart.py``), ``layout.py`` into geometry (``geometry.py``): columns (``columns.py``), symbols with their text
broken into lines (``symbols.py``, ``wrapping.py``), arrows (``routing.py``) and outcome labels (``labels.py``);
``drawingml.py`` draws it as an editable Word drawing and ``svg.py`` as the site's inline SVG.
"""
