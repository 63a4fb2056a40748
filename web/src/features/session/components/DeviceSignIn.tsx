import { useEffect, useId } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../safe-next';
import { useDeviceSignIn, type DeviceSignInEnd } from '../use-device-sign-in';
import { QrCode } from './QrCode';

const ENDED: Readonly<Record<DeviceSignInEnd, string>> = {
  expired: 'This code has expired.',
  denied: 'The sign-in was refused on the other device.',
  failed: 'A code could not be shown right now.',
};

/** An absolute address for the QR code (the API gives a relative one when it did not learn the site's origin). */
const absolute = (uri: string) => (/^https?:\/\//.test(uri) ? uri : `${window.location.origin}${uri}`);

/**
 * The TV's sign-in by code (RFC 8628): the code, the address to type it at, and a QR code of that
 * address with the code filled in. It waits for the viewer to approve on a phone or laptop, then
 * goes where the TV was headed (`next`). The email form stays beside it for those who prefer it.
 */
export function DeviceSignIn() {
  const id = useId();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { state, restart } = useDeviceSignIn();
  const signedIn = state.phase === 'signed-in';

  useEffect(() => {
    if (signedIn) void navigate(safeNextPath(searchParams.get('next')) ?? '/', { replace: true });
  }, [signedIn, navigate, searchParams]);

  return (
    <section className="device-sign-in" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign in with your phone</h2>
      {state.phase === 'starting' && <p aria-busy="true">Getting a code…</p>}
      {state.phase === 'waiting' && (
        <>
          <p>
            On your phone or computer, go to{' '}
            <strong className="device-sign-in__address">{absolute(state.codes.verificationUri).replace(/^https?:\/\//, '')}</strong> and
            enter this code:
          </p>
          <p className="device-sign-in__code">{state.codes.userCode}</p>
          <QrCode
            text={absolute(state.codes.verificationUriComplete)}
            label="QR code: scan it to open the sign-in page with this code filled in"
          />
          <p className="device-sign-in__wait" role="status">
            Waiting for you to approve…
          </p>
        </>
      )}
      {state.phase === 'ended' && (
        <div role="alert">
          <p>{ENDED[state.reason]}</p>
          <button type="button" className="button" onClick={restart}>
            Get a new code
          </button>
        </div>
      )}
      {signedIn && <p role="status">Signed in. Opening Stride…</p>}
    </section>
  );
}
