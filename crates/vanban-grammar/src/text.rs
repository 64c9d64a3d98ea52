//! Text primitives.
