import { FeaturedProgram, ProgramList } from '../../features/catalog';

export function HomeRoute() {
  return (
    <>
      <h1 className="visually-hidden">Stride: fitness programs that stream</h1>
      <FeaturedProgram />
      <ProgramList />
    </>
  );
}
