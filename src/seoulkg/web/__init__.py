"""Publishing: a read-only SPARQL endpoint, canned-query API, dereferenceable IRIs, dumps and VoID."""
