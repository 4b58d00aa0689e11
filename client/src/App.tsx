import { lazy, Suspense, useEffect } from 'react';
import { Notices } from './components/Notices.tsx';
import { Home } from './pages/Home.tsx';
import { CreateExercise } from './pages/CreateExercise.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { SoloStart } from './pages/SoloStart.tsx';
import { ExercisePage } from './pages/ExercisePage.tsx';
import { ClaimSeat } from './pages/ClaimSeat.tsx';
import { splitRoute, useRoute } from './router.ts';
import { messages } from './text/messages.ts';

// The managers' report pages belong to the gap-report feature; they load on demand.
const Reports = lazy(() => import('./pages/Reports.tsx'));
const SharedReport = lazy(() => import('./pages/SharedReport.tsx'));

export function App() {
  const route = useRoute();
  const parts = splitRoute(route).path.split('/').filter(Boolean).map(decodeURIComponent);
  useEffect(() => {
    // move focus to the main region on navigation, so keyboard and screen-reader users land on the new page
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [route]);

  let page;
  switch (parts[0]) {
    case 'new':
      page = <CreateExercise />;
      break;
    case 'join':
      page = <JoinPage code={parts[1] ?? ''} />;
      break;
    case 'solo':
      page = <SoloStart />;
      break;
    case 'seat':
      page = parts[1] && parts[2] ? <ClaimSeat exerciseId={parts[1]} token={parts[2]} /> : <Home />;
      break;
    case 'x':
      page = parts[1] ? <ExercisePage exerciseId={parts[1]} /> : <Home />;
      break;
    case 'reports':
      page = (
        <Suspense fallback={<p className="muted">{messages.common.loadingReports}</p>}>
          <Reports path={parts.slice(1)} />
        </Suspense>
      );
      break;
    case 'shared':
      page = parts[1] ? (
        <Suspense fallback={<p className="muted">{messages.common.loadingTheReport}</p>}>
          <SharedReport token={parts[1]} />
        </Suspense>
      ) : (
        <Home />
      );
      break;
    default:
      page = <Home />;
  }
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {messages.common.skipToContent}
      </a>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <Notices />
    </>
  );
}
