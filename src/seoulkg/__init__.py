"""seoulkg: a linked-data knowledge graph of the Seoul Economic Policy Office's 2022 work report."""

__version__ = "0.1.0"
