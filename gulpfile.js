'use strict';
// tsc emits only JavaScript; the node and credential icons are copied beside it. `clean`
// empties dist/ first, so files of removed sources never ship.
const fs = require('fs');
const path = require('path');
const { task, src, dest } = require('gulp');

task('clean', (done) => {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
});

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(file.cwd, file.base))),
	),
);
