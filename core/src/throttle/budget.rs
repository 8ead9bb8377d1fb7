//! The retry budget a client's calls share, after the AWS SDKs' standard retry mode: retries spend from it and
//! successes pay back, so that during an outage the calls of a client fail fast instead of multiplying the load.

/// What the budget holds when full: room for 100 retries at once.
pub const RETRY_BUDGET_CAPACITY: u32 = 500;
/// What a retry costs.
pub const RETRY_COST: u32 = 5;
/// What a retry after a timeout costs: a timeout holds the service's resources longer than a refusal.
pub const TIMEOUT_RETRY_COST: u32 = 10;
/// What a call that succeeded at its first attempt pays back.
pub const SUCCESS_REFUND: u32 = 1;

/// Tokens for retries, shared by every call of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryBudget {
    available: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget { available: RETRY_BUDGET_CAPACITY }
    }
}

impl RetryBudget {
    /// Takes `cost` for a retry; `false`, taking nothing, when the budget cannot pay it.
    pub fn withdraw(&mut self, cost: u32) -> bool {
        match self.available.checked_sub(cost) {
            Some(left) => {
                self.available = left;
                true
            }
            None => false,
        }
    }

    /// A call succeeded after spending `spent` on retries: it pays that back, or a little when it spent nothing.
    pub fn succeeded(&mut self, spent: u32) {
        let refund = if spent == 0 { SUCCESS_REFUND } else { spent };
        self.available = (self.available + refund).min(RETRY_BUDGET_CAPACITY);
    }

    /// What is left.
    pub fn available(&self) -> u32 {
        self.available
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_spends_the_budget_then_retries_stop_until_successes_pay_back() {
        let mut budget = RetryBudget::default();
        let retries = std::iter::from_fn(|| budget.withdraw(RETRY_COST).then_some(())).count();
        assert_eq!(retries as u32, RETRY_BUDGET_CAPACITY / RETRY_COST);
        assert!(!budget.withdraw(RETRY_COST));
        budget.succeeded(0);
        budget.succeeded(RETRY_COST - 1);
        assert!(budget.withdraw(RETRY_COST), "first attempts that succeed refill it");
        budget.succeeded(TIMEOUT_RETRY_COST);
        budget.succeeded(RETRY_BUDGET_CAPACITY);
        assert_eq!(budget.available(), RETRY_BUDGET_CAPACITY, "never above its capacity");
    }
}
