/** The small qrels and run the evaluation guide uses; its data loader runs the real CLI and library on them. */
export const exampleQrels = `q1 0 d1 2
q1 0 d2 1
q1 0 d3 0
q1 0 d4 1
q2 0 d5 1
q2 0 d6 0
q3 0 d7 1
`;

export const exampleRun = `q1 Q0 d1 1 9.1 bm25
q1 Q0 d3 2 8.7 bm25
q1 Q0 d9 3 7.2 bm25
q1 Q0 d2 4 6.0 bm25
q2 Q0 d5 1 5.5 bm25
q2 Q0 d6 2 4.1 bm25
q3 Q0 d8 1 3.3 bm25
q3 Q0 d7 2 3.1 bm25
`;
