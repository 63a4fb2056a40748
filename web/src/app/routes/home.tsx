import { FeaturedProgram, HomeGate, NewlyLaunched, ProgramList } from '../../features/catalog';
import { ContinueWatchingRow } from '../progress-features';

export function HomeRoute() {
  return (
    <>
      <h1 className="visually-hidden">Stride: fitness programs that stream</h1>
      <HomeGate>
        <FeaturedProgram />
        <ContinueWatchingRow />
        <NewlyLaunched />
        <ProgramList />
      </HomeGate>
    </>
  );
}
