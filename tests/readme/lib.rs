//! The README's examples, compiled and run as doc tests of this unpublished package (with every
//! feature of errwire, as its dev-dependency gives them), so that the published `errwire` crate
//! includes no file from outside its own folder.
#![cfg_attr(doctest, doc = include_str!("../../README.md"))]
