//! Install runs as the window sees them: at most one run per installation in this process,
//! which every caller joins. A second click on Install, a Retry during a run, or the window
//! reloading mid-install attaches to the run already going (and gets its events so far)
//! instead of starting another.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::engine::Engine;
use crate::failure::Error;
use crate::failure::Explain as _;
use crate::install::{
    DeleteOptions, Fanout, InstallError, InstallOutcome, InstallRequest, InstallSink, InstallState, StackKind,
};

/// The runs in flight in this process, by installation ID.
#[derive(Default)]
pub(crate) struct Runs(Mutex<HashMap<String, Arc<Fanout>>>);

impl std::fmt::Debug for Runs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let runs = self.0.lock().unwrap_or_else(|p| p.into_inner());
        f.debug_list().entries(runs.keys()).finish()
    }
}

enum Slot<'a> {
    /// A run was going: the caller follows it.
    Joined(Arc<Fanout>),
    /// The caller runs it; the guard ends the run however the caller's future ends.
    Started(RunGuard<'a>),
}

struct RunGuard<'a> {
    runs: &'a Runs,
    id: String,
    fanout: Arc<Fanout>,
}

impl RunGuard<'_> {
    fn finish(self, result: &Result<InstallOutcome, Error>) {
        self.fanout.finish(match result {
            Ok(outcome) => Ok(outcome.clone()),
            Err(err) => Err(err.failure()),
        });
    }
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        // A caller that went away mid-run (the window closed) leaves the stacks running; the
        // journal has the run, and the next start re-attaches.
        self.fanout.finish(Err(Error::RunAbandoned.failure()));
        self.runs.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.id);
    }
}

impl Runs {
    fn join_or_start(&self, id: &str, sink: Arc<dyn InstallSink>) -> Slot<'_> {
        let mut runs = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(fanout) = runs.get(id) {
            fanout.subscribe(sink);
            return Slot::Joined(fanout.clone());
        }
        let fanout = Arc::new(Fanout::default());
        fanout.subscribe(sink);
        runs.insert(id.to_owned(), fanout.clone());
        Slot::Started(RunGuard { runs: self, id: id.to_owned(), fanout })
    }

    fn is_running(&self, id: &str) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).contains_key(id)
    }
}

impl Engine {
    /// Joins the run of `id` when one is going, else runs `run` as it, with the run's
    /// fan-out as its sink.
    async fn in_run<F, Fut>(&self, id: &str, sink: Arc<dyn InstallSink>, run: F) -> Result<InstallOutcome, Error>
    where
        F: FnOnce(Arc<Fanout>) -> Fut,
        Fut: Future<Output = Result<InstallOutcome, Error>>,
    {
        match self.runs.join_or_start(id, sink) {
            Slot::Joined(fanout) => Ok(fanout.finished().await?),
            Slot::Started(guard) => {
                let result = run(guard.fanout.clone()).await;
                guard.finish(&result);
                result
            }
        }
    }

    /// [`Engine::install`], joined by every later caller for the same installation.
    pub async fn start_install(
        &self,
        request: InstallRequest,
        sink: Arc<dyn InstallSink>,
    ) -> Result<InstallOutcome, Error> {
        let id = request.invite.installation_id.clone();
        self.in_run(&id, sink, async |fanout| self.install(request, fanout.as_ref()).await).await
    }

    /// [`Engine::retry`], joining the installation's run when one is going.
    pub async fn retry_install(
        &self,
        installation_id: &str,
        sink: Arc<dyn InstallSink>,
    ) -> Result<InstallOutcome, Error> {
        self.in_run(installation_id, sink, async |fanout| self.retry(installation_id, fanout.as_ref()).await).await
    }

    /// Follows an installation: joins its run in this process, or re-attaches to its stacks
    /// when it was left in flight (the app was closed or killed mid-install).
    pub async fn follow_install(
        &self,
        installation_id: &str,
        sink: Arc<dyn InstallSink>,
    ) -> Result<InstallOutcome, Error> {
        self.in_run(installation_id, sink, async |fanout| {
            let record = self.recorded(installation_id).await?;
            if record.state != InstallState::InProgress {
                return Err(InstallError::NotInFlight {
                    installation_id: installation_id.to_owned(),
                    state: record.state.as_str().replace('_', " "),
                }
                .into());
            }
            self.resume(&record, fanout.as_ref()).await
        })
        .await
    }

    /// [`Engine::clean_up`], refused while the installation's run is going.
    pub async fn clean_up_install(
        &self,
        installation_id: &str,
        options: &DeleteOptions,
        sink: &dyn InstallSink,
    ) -> Result<Vec<StackKind>, Error> {
        if self.runs.is_running(installation_id) {
            return Err(InstallError::Running { installation_id: installation_id.to_owned() }.into());
        }
        self.clean_up(installation_id, options, sink).await
    }
}
