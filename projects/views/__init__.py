"""Views of the projects app: the project pages (``projects``), the monthly page (``monthly``) and the
submission board of the bureau's desk (``board``)."""
