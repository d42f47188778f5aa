//! Device flow against mocked Identity Center answers shaped like AWS's (see device.rs).
