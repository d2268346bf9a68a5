"""The expression language: grammar, parser, tree, types, checker, functions, compiler, interpreter."""
