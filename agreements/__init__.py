"""avtaleflyt: the agreement lifecycle for organisations joining Pasientens journaldokumenter.

The domain package. It imports no Prefect: flows in `flows/` orchestrate what is here.
"""

__all__: list[str] = []
