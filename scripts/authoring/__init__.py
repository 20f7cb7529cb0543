"""The authoring commands around the pipeline: `make new`, `serve`, `sync`, `lint`, `import`, and the pre-commit hooks."""
