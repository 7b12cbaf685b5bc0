/**
 * Asks for `HOTPATH_METRICS_TOKEN` when the server wants one. The token is kept in this tab's session
 * storage and sent as a header; it never goes into the URL.
 */
import { useState } from 'preact/hooks';

interface TokenPromptProps {
  hadToken: boolean;
  problem: string | null;
  onSubmit(token: string | null): void;
}

export function TokenPrompt({ hadToken, problem, onSubmit }: TokenPromptProps) {
  const [value, setValue] = useState('');
  return (
    <div class="overlay">
      <form
        class="token-prompt"
        aria-label="Token"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(value === '' ? null : value);
        }}
      >
        <h2>{hadToken ? 'Token refused' : 'This server wants a token'}</h2>
        <p>{problem}</p>
        <label>
          HOTPATH_METRICS_TOKEN
          <input
            type="password"
            name="token"
            autocomplete="off"
            value={value}
            onInput={(event) => setValue((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <p class="hint">Kept in this tab only (session storage); sent as a header, never in the URL.</p>
        <button type="submit">Connect</button>
      </form>
    </div>
  );
}
