//! Report structure types (articles and formal documents); filled in by the report parser.
