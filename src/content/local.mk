# src/content: glossary and lesson loaders (parsers only; the lesson runner is in src/cmd).
