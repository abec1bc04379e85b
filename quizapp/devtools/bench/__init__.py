"""The benchmarks behind the README's table, one command per area: `store` (queue, answer,
import, `quizapp due`), `browser` (search), `engine` (demo runs, optimizer kernel), `sweep`
(batched training) and `ui` (the window: launch, grade, slider, frames). Each prints figures;
none asserts a time (the machines they run on are shared)."""
