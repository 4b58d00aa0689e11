import { messages } from '../text/messages.ts';

/** The app's name and the scenario being played, at the left of every exercise screen's top bar. */
export function TopbarTitle({ scenario }: { scenario: string }) {
  return (
    <div className="topbar-title">
      <span className="brand">
        {messages.common.brand.first}
        <span className="accent">{messages.common.brand.second}</span>
      </span>
      <span className="topbar-scenario">{scenario}</span>
    </div>
  );
}
