//! Where the files of a build go as they are rendered.

use std::sync::Mutex;

use crate::render::{export, Output};
use crate::write::{Png, PngCache, Staging, WriteError};

/// The end of the pipeline: each part of the site is handed here as soon as
/// it is rendered, so that a large site never sits in memory whole.
pub enum Sink<'a> {
    /// A staging folder that replaces the output folder once the build
    /// succeeded (`build`), and the PNGs kept from earlier builds.
    Disk(&'a Staging, &'a PngCache),
    /// Every file kept in memory (`serve`, tests).
    Memory(&'a Mutex<Output>),
    /// Nothing kept (`check`).
    Discard,
}

impl Sink<'_> {
    pub fn put(&self, mut part: Output) -> Result<(), WriteError> {
        match self {
            // Chart PNGs are drawn here, on their way to disk, and only
            // here (not in `check`, nor in memory for `serve` and tests).
            Sink::Disk(staging, cache) => {
                let key = export::drawing().as_bytes();
                let mut kept = Vec::new();
                for (path, svg) in export::take_pending(&mut part) {
                    match cache.get_or_draw(&[key, svg.as_bytes()], || export::draw(&svg)) {
                        Some(Png::Kept(file)) => kept.push((path, file)),
                        Some(Png::Drawn(png)) => part.add(path, png),
                        None => part.add(path, Vec::new()),
                    }
                }
                staging.write_and_copy(&part, kept)
            }
            Sink::Memory(all) => {
                let mut all = all.lock().unwrap_or_else(|e| e.into_inner());
                all.files.append(&mut part.files);
                all.links.append(&mut part.links);
                Ok(())
            }
            Sink::Discard => Ok(()),
        }
    }
}
