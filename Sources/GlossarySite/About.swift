// GlossarySite: glossary entries, their validation, and the static site.
