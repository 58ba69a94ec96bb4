use crate::accounts::AccountRepo;

pub struct Audit {
    accounts: AccountRepo,
}

impl Audit {
    pub async fn owners(&self, ids: &[i64]) -> Vec<String> {
        let mut out = Vec::new();
        for id in ids {
            out.push(self.accounts.owner(*id).await.unwrap_or_default()); // expect: query-in-loop
        }
        out
    }

    pub fn labels(&self, ids: &[i64]) -> Vec<String> {
        // ok: a method of the repository that runs no query
        ids.iter().map(|id| self.accounts.label(*id)).collect()
    }
}
