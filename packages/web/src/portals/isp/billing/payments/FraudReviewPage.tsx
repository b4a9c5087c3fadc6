/** The fraud review queue: payments held for their risk score, highest first, with their reasons; approve or reject each. */
import PaymentsPage from './PaymentsPage.tsx';

export default function FraudReviewPage() {
  return <PaymentsPage review />;
}
