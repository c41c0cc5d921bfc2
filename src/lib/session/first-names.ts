/**
 * Given names, for the person flag (flags.ts): a proposal that names a classmate or a teacher draws the
 * mentor's eye even when the name is written at the start of a sentence or in lower case.
 *
 * Source: compiled for this project from knowledge of the published top-name lists, without internet
 * access, so it is an approximation of those lists and not a copy of any of them: the Meertens
 * Instituut's Nederlandse Voornamenbank and the yearly lists of the SVB (the most given names in the
 * Netherlands for children born 2005 to 2015, today's secondary-school pupils, plus the common names
 * of their parents' and teachers' generation); the US Social Security Administration's and the UK
 * Office for National Statistics' baby-name lists for the same years; and names common among Dutch
 * children of Moroccan, Turkish, Surinamese, Antillean and Polish origin (Meertens, CBS; GUS, Poland's
 * statistics office, for the Polish ones). 2101 distinct names. Add a name when a class
 * shows one missing; a name that is also an everyday word goes in `NAMES_THAT_ARE_WORDS` below.
 */
import { set } from './flag-words';

/** Dutch boys’ names, of teenagers and of their parents and teachers. */
const DUTCH_BOYS = `
	Aiden Arjan Arjen Ayden Bart Bas Benjamin Bert Bjorn Boaz Boris Bowen Bram Brent Cas Casper Coen
	Colin Collin Daan Damian Dani Daniel Davi David Dean Dennis Dex Diederik Dion Dirk Douwe Duco Dustin
	Dylan Dylano Edwin Elias Emiel Eric Erik Erwin Ewout Faas Fabian Fedde Ferdi Ferre Finn Floris Fons
	Frank Frans Freek Ger Gerard Gerben Gerrit Gert Giel Gijs Gijsbert Guus Hans Harm Hein Hendrik Henk
	Hennie Henny Henri Herman Hessel Hidde Hugo Huub Ids Ivo Jaap Jacco Jack Jan Jari Jasper Jaxx Jayden
	Jeffrey Jelle Jelmer Jelte Jens Jent Jeroen Jesper Jesse Jim Job Jochem Joep Joey Johan Johannes
	Jonas Jonathan Joop Joost Joram Jordi Jordy Joris Jorn Jorrit Jort Jos Joshua Julian Jurgen Jurjen
	Jurre Jurriaan Justin Kai Kars Kasper Kay Kees Kevin Kian Klaas Koen Koos Kyan Lars Laurens Len Lenn
	Lennard Lennart Lev Levi Lex Liam Lion Lodewijk Loek Lorenzo Luc Luca Lucas Luka Lukas Luuk Maarten
	Machiel Mads Marcel Marco Marijn Mark Marnix Mart Marten Martijn Martin Mason Mathias Mathijs Mats
	Matteo Matthias Matthijs Maurice Maurits Max Mees Melle Menno Merijn Micha Michel Michiel Mick Midas
	Mik Mika Mike Milan Milo Mischa Morris Mylan Nando Nathan Nick Niek Niels Noah Noud Nout Olaf Oliver
	Olivier Oscar Otis Otto Owen Pascal Patrick Paul Pepijn Peter Piet Pieter Pieterjan Pim Quentin
	Quinn Quint Quinten Raf Rafael Ralph Raphael Reinder Reinier Reinout Rembrandt Remco Rens Renzo
	Richard Rick Rien Rik Rinus Rinze Roan Rob Robbin Robert Robin Roel Roelof Rogier Roland Romeo Ron
	Ronald Ronan Rowan Roy Ruben Rutger Ruud Ryan Sacha Sam Sander Sascha Seb Sebastiaan Sem Senna Sep
	Sepp Siem Siep Sietse Sietze Sil Simon Sjaak Sjoerd Sjors Stan Stef Stefan Steven Steyn Stijn Storm
	Sven Sverre Sybren Taco Teije Teun Thijmen Thijn Thijs Thimo Thom Thomas Tieme Ties Tijl Tijmen Tijn
	Tijs Tim Timo Titus Tjeerd Tobias Tom Tommy Ton Toon Tristan Twan Tycho Tygo Valentijn Valentino
	Victor Vigo Viktor Vince Vincent Wessel Wiebe Wietse Wilbert Wilco Wilfred Willem Wim Wout Wouter
	Xander Xavi Xem Yannick Yaro Yoran Yorick Youri Yuri Zeger Zep Zion
`;

/** Dutch girls’ names, of teenagers and of their parents and teachers. */
const DUTCH_GIRLS = `
	Aafke Amber Amy Angela Anita Anja Anjali Anna Anne Annelies Annemarie Annemiek Annemieke Annette
	Anniek Annika Anouck Anouk Astrid Babette Baukje Bente Benthe Bianca Bibi Bo Bregje Brigitte Britt
	Caitlin Carla Carlijn Carolien Cato Celine Chantal Charlotte Chloé Claudia Conny Corinne Corrie
	Daniëlle Danique Daphne Debby Demi Denise Dewi Diana Dieke Dominique Doortje Dorien Dunya Elin Eline
	Elisa Elise Elize Ella Ellen Ellis Elly Els Elsa Elske Emily Emma Emmie Emmy Erna Esmee Esther Eva
	Evelien Evi Evie Evy Fabienne Famke Fay Feline Fem Femke Femmy Fenna Fien Fiene Fleur Fleurtje Floor
	Floortje Francien Frederique Froukje Gea Gerda Gerrie Greet Guusje Gwen Hailey Hanna Hannah Hanne
	Hanneke Hester Hetty Hilde Ilona Ilse Indy Ineke Ines Inge Ingeborg Ingrid Irene Iris Isa Isabel
	Isabella Isabelle Isis Ivy Jade Jaimy Jamie Janne Janneke Jara Jasmijn Jasmin Jasmine Jeannette
	Jennifer Jenny Jente Jet Jette Jill Jinthe Jip Joke Jolanda Jolien Jolijn Josephine Josje Joyce
	Judith Julia Juul Karin Karlijn Kaylee Kayleigh Kelly Kiki Kim Kirsten Kitty Kyra Lana Lara Laura
	Lauren Laurien Lea Leah Lena Lenie Lenthe Lianne Lieke Lies Liesbeth Lieve Lin Lina Linda Linde Linn
	Lisa Lisanne Lise Liv Liz Lizzy Loes Lois Lola Lonneke Lotje Lotte Lotus Lou Louise Lucy Luna Lune
	Lynn Lysanne Maaike Maartje Madelief Madelon Maja Manon Mara Maren Margot Marian Marianne Marieke
	Mariëlle Mariëtte Marije Mariska Marit Marja Marjolein Marleen Marloes Marlou Marscha Martine Maud
	Maya Megan Meike Melissa Merel Mette Mia Michelle Mieke Mijke Mila Milou Minke Miranda Mirjam Mirte
	Mirthe Moniek Monique Myrna Myrthe Nadia Nadine Naomi Naomie Natasja Nathalie Nelleke Nelly Nicole
	Nienke Nikki Nila Nina Noa Noëlle Noor Noortje Nora Nova Novi Nynke Olivia Paula Petra Pien Pleun
	Puck Quinty Rachel Renate Ria Rianne Riet Rineke Romee Romy Roos Roosje Rosa Rosalie Rose Ruby Saar
	Sabine Sandra Sanne Sara Sarah Saskia Selma Shirley Sietske Silke Simone Sjoukje Sofia Sofie Sophia
	Sophie Stella Stephanie Sterre Suus Suzanne Suze Sylvia Tamara Tara Tess Tessa Thea Thirza Tineke
	Tirza Tjitske Trudy Truus Vajèn Valerie Veerle Vera Veronique Vienna Wende Wendy Wietske Willemijn
	Wilma Xena Yara Yasmin Yente Yfke Yinthe Yvonne Zara Zilla Zoë
`;

/** English boys’ names (United States, United Kingdom). */
const ENGLISH_BOYS = `
	Aaron Adam Ahmed Aidan Alan Albert Alex Alexander Alfie Ali Andre Andrew Anthony Archie Arthur Asher
	Ashton Austin Ben Bentley Billy Blake Bobby Brad Bradley Brandon Brayden Brian Brody Bruce Bryan
	Caleb Callum Cameron Carl Carter Chad Charles Charlie Chidi Christian Christopher Cody Colton Connor
	Cooper Corey Dale Dan Danny Darnell Darren Dave Declan Derek DeShawn Dominic Donald Douglas Duncan
	Easton Eddie Edward Elijah Elliot Elliott Emeka Emmett Ethan Eugene Evan Ezra Felix Finley Frankie
	Fred Freddie Freddy Gabriel Gareth Gary Gavin George Gerald Glenn Gordon Graham Grayson Gregory
	Harold Harrison Harry Harvey Hassan Hayden Henry Howard Hudson Hunter Ian Ibrahim Imran Isaac Ivan
	Jace Jackson Jacob Jaden Jake Jalen Jamal James Jared Jason Jaxon Jaxson Jay Jeff Jenson Jeremy
	Jerry Jimmy Joe John Johnny Jordan Jose Joseph Josh Josiah Juan Kane Karl Kayden Kayode Keegan Keith
	Kenneth Kenny Khalid Kieran Kirk Kofi Kwame Kyle Lance Landon Larry Lawrence Lenny Leo Leon Lewis
	Lincoln Logan Louie Louis Luke Mackenzie Malcolm Malik Marcus Marquis Marshall Matt Matthew Maverick
	Maxwell Micah Michael Mikey Miles Mitchell Morgan Murray Nate Nathaniel Neil Nicholas Nigel Nolan
	Oakley Ollie Parker Phil Philip Randy Raymond Reggie Reuben Rhys Ricky Riley Robbie Roger Ronnie
	Rory Ross Russell Ryder Ryker Sammy Samuel Scott Sean Sebastian Silas Sonny Spencer Stanley Stephen
	Steve Stuart Tariq Taylor Ted Teddy Terence Terrell Terry Theo Theodore Timothy Toby Tony Travis
	Trevor Trey Troy Tucker Tunde Tyler Tyrone Wade Walter Warren Wayne Wesley Wilbur Will William
	Willie Wyatt Xavier Zac Zach Zachary Zack Zain Zane Zayn
`;

/** English girls’ names (United States, United Kingdom). */
const ENGLISH_GIRLS = `
	Aaliyah Abbie Abby Abena Abi Abigail Adaeze Addison Adwoa Aimee Alexis Alice Alicia Alyssa Ama
	Amanda Amara Amelia Andrea Ann Aria Ashley Aubrey Autumn Ava Avery Barbara Becky Bella Beth Bethany
	Betty Beverly Brenda Brittany Brooke Brooklyn Camila Carly Carol Carolyn Catherine Chelsea Cheryl
	Chioma Christina Christine Claire Courtney Cynthia Daisy Deborah Debra Destiny Diane Donna Doris
	Dorothy Ebony Eden Eleanor Elena Eliza Elizabeth Ellie Eloise Elsie Emilia Erin Esme Eve Evelyn
	Florence Frances Freya Gabriella Gemma Georgia Gianna Gloria Grace Harper Harriet Hazel Heather
	Helen Hollie Holly Imani Imogen Isla Jacqueline Jada Jane Janet Janice Jean Jenna Jessica Joan Jodie
	Judy Julie Karen Kate Katherine Kathleen Kathryn Katie Katy Kayla Keisha Kennedy Kiara Kimberly
	Kirsty Kylie Lacey Layla Leila Lexi Libby Lillian Lily Lucia Lydia Macy Madeline Madison Maisie
	Margaret Maria Marie Marilyn Martha Mary Matilda Millie Mollie Molly Nancy Natalie Natasha Nevaeh
	Ngozi Nia Niamh Nicola Paige Paisley Pamela Patricia Peggy Penelope Peyton Phoebe Piper Poppy
	Precious Rebecca Rebekah Robyn Rosie Ruth Sadie Sally Samantha Savannah Scarlett Shanice Shannon
	Sharon Sian Sienna Skylar Stacey Stacy Summer Susan Tamika Tanisha Tegan Teresa Theresa Tia Tiffany
	Tilly Tracy Trinity Vanessa Vicky Victoria Violet Virginia Willow Zoey
`;

/** Moroccan and other Arabic boys’ names, as spelled in the Netherlands. */
const MOROCCAN_BOYS = `
	Abdel Abdelhakim Abdelkarim Abdellah Abderrahim Abdou Aboubakr Achraf Adil Adnan Ahmad Akram Amar
	Amin Amine Amir Amjad Anas Anouar Anwar Ashraf Ayman Aymane Ayoub Ayoube Ayyoub Aziz Badr Bilal
	Bilel Brahim Chahid Chakib Driss Fouad Hakim Hamza Hatim Hicham Houssam Idriss Ilias Iliass Ilyas
	Ilyass Ismael Ismail Issam Jaouad Jawad Kamal Karim Khalil Lahcen Marouane Marwan Mehdi Mehmet
	Mimoun Mo Mohamad Mohamed Mohammed Mounir Mourad Muhammad Muhammed Mustafa Mustapha Nabil Nassim
	Nizar Nordin Nouh Noureddine Omar Othman Oualid Oussama Rachid Rayan Rayane Rayen Reda Redouan
	Redouane Rida Riyad Saad Safouane Said Salah Salim Sami Samir Sanae Sofiane Sofyan Soufiane Soufyan
	Taha Tarek Tarik Tawfik Walid Yahya Yasin Yasir Yassin Yassine Yassir Younas Younes Youness Yousef
	Youssef Zaid Zakaria Zakariya Zayd Ziyad Zouhair Zyad
`;

/** Moroccan and other Arabic girls’ names, as spelled in the Netherlands. */
const MOROCCAN_GIRLS = `
	Aicha Aisha Amal Amina Amira Asma Asmae Aya Ayah Ayla Bouchra Btissam Chaima Chaimaa Chaimae Dina
	Douaa Douae Dounia Fadoua Fatiha Fatima Ghizlane Hafsa Hajar Hanan Hanane Hasna Hayat Hiba Houda
	Ikram Ilham Ilhame Ilhem Iman Imane Inas Inass Jihane Kaoutar Karima Kawtar Kenza Khadija Lamia
	Lamiae Lamya Latifa Loubna Maha Maïssa Malak Malika Manal Mariam Maryam Maysa Meriem Meryem Mouna
	Nada Naima Najat Naoual Nawal Nihad Nisrine Nissrine Nour Oumaima Oumayma Rabia Rachida Rahma Rajae
	Rania Rim Sabah Sabrina Safa Safae Salma Salwa Samia Samira Sana Sanaa Shaima Siham Sirine Souad
	Soukaina Soumaya Touria Wafa Wafae Wiam Widad Wissal Yamina Yasmina Yasmine Yassmine Yousra Yusra
	Zahra Zainab Zaynab Zineb Zohra Zoubida
`;

/** Turkish boys’ names, with and without Turkish letters. */
const TURKISH_BOYS = `
	Abdullah Ahmet Alparslan Alper Aras Arda Arif Atakan Ayaz Aykut Baran Baris Barış Batuhan Bayram
	Berat Berk Berkay Bora Bünyamin Burak Çağan Can Cem Cemal Cengiz Cihan Deniz Doruk Efe Ege Emin Emir
	Emre Enes Eray Ercan Erdal Erdem Eren Erkan Eymen Fatih Ferhat Fikret Furkan Gökhan Görkem Hakan
	Halil Harun Hasan Hayri Hüseyin Ilker Kaan Kadir Kazım Kemal Kenan Kerem Kübilay Kutay Levent Mahmut
	Mert Mete Metin Mevlüt Mirza Mücahit Muhammet Muharrem Murat Necati Nihat Nuri Oğuz Okan Ömer Onur
	Orhan Osman Ozan Özgür Poyraz Ramazan Recep Rıza Rüzgar Sabri Şahin Salih Samet Selçuk Selim Semih
	Sercan Serdar Serhat Serkan Sinan Süleyman Tahir Talha Tamer Taner Tarık Tarkan Tayfun Tolga Tuğra
	Tuna Tuncay Turgay Ufuk Uğur Ümit Umut Utku Veli Volkan Yagiz Yağız Yakup Yavuz Yiğit Yunus Yusuf
	Zafer Zeki
`;

/** Turkish girls’ names, with and without Turkish letters. */
const TURKISH_GIRLS = `
	Aleyna Asiye Asya Ayşe Ayten Azra Bahar Belgin Beren Berra Buse Büşra Cansu Cemile Ceren Damla Defne
	Derya Dilan Dilara Dilek Duru Ebru Ece Ecrin Eda Ela Elif Elifnur Emel Emine Esma Esra Eylül Fatma
	Feride Filiz Gamze Gizem Gözde Gül Gulsen Hande Hatice Havva Hazal Helin Hilal Hülya İlayda Irem
	Kader Kezban Kübra Lale Leyla Medine Melek Melike Melis Merve Mina Miray Naz Nazli Nazlı Nehir
	Nermin Nesrin Nil Nilay Nisa Nisanur Nur Nurcan Öykü Özlem Pinar Pınar Rümeysa Saliha Seda Selen
	Selin Sena Serap Sevde Sevgi Şeyma Sibel Sila Simge Sıla Songül Sude Sudenaz Şükran Sümeyye Tuana
	Tuba Tuğba Tülay Ümmühan Ümran Yağmur Yasemin Yeliz Zehra Zerrin Zeynep Zübeyde
`;

/** Surinamese (Creole and Hindustani) and Antillean names. */
const SURINAMESE_ANTILLEAN = `
	Aarav Ajay Akash Amit Anand Ananya Angelo Anil Anoop Arjun Asha Ashwin Avinash Chandra Chanel
	Charissa Chelsey Chermaine Cheyenne Churandy Clarence Clyde Darryl Dayenne Deepa Deepak Delano
	Denilson Denzel Desiree Devika Dinesh Dirrel Divya Diya Dwayne Edgar Elvis Errol Esperanza Faith
	Ferdinand Ganesh Gautam Geeta Giandro Gilbert Giovanni Harish Hensley Humphrey Ignacio Indira Ishaan
	Ishani Ivanildo Jairzinho Jamila Jamiro Jaydon Jaylen Jaylin Jaylinn Jeandro Jeremiah Jermaine
	Jerome Jerrel Jerzinho Joel Joëlla Jurensley Jurian Kajal Karan Kavita Kavya Kenji Keysha Kimberley
	Kiran Kishan Krishna Lakshmi Latoya Leandro Lionel Lisette Lizandra Luigi Luzmila Manish Maritza
	Marlène Marlon Marvin Mayra Meena Meera Melvin Merlyn Milaisa Milton Mitchel Mohan Nandini Naresh
	Nathaly Navin Nayeli Neha Nelson Nikhil Nisha Norman Orlando Percy Pooja Pradeep Pravin Preeti
	Priscilla Priya Quenisha Quincy Quinsy Rachelle Radha Radj Rahul Raj Rajesh Rajiv Rakesh Ramesh Rani
	Ravi Ravish Rayvano Regilio Reginald Rekha Renuka Ricardo Rigino Rihanna Rishi Ritesh Ritu Roberto
	Rodney Rohan Romano Rosemary Roshan Roshni Rosita Roxanne Rudsel Rudy Sachin Sahil Sameer Sandeep
	Sangeeta Sanjay Sapna Sergio Shakir Shakira Shalini Shanaya Shane Shania Shanti Shaquille Shaquira
	Sharmila Shenaya Sheraldo Sherida Shermaine Sherwin Shiva Shreya Shurandy Shurmann Shweta Sita Sneha
	Solange Stefano Stephano Sunil Sunita Sunny Suresh Sylvano Tanvi Tarun Tatjana Tiara Tyrese Urvin
	Usha Valery Vani Varun Venetia Vijay Vikash Vikram Virgil Vishal Winston Xaviero Yolanda Zoraida
`;

/** Polish names, with their everyday short forms. */
const POLISH = `
	Adrian Agata Agnieszka Aleksander Aleksandra Alicja Andrzej Aneta Ania Antoni Antonina Artur Bartek
	Bartosz Basia Beata Bogdan Bogusia Borys Bożena Czesław Danuta Dariusz Dawid Dominik Dominika Dorota
	Edyta Elżbieta Ewa Filip Franciszek Gabriela Gosia Grażyna Grzegorz Halina Hubert Ida Iga Ignacy
	Igor Irena Iwona Izabela Jadwiga Jagoda Jakub Janek Janusz Jaroslaw Jarosław Jerzy Joanna Jolanta
	Józef Julka Justyna Kacper Kamil Kamila Karolina Kasia Katarzyna Kazimierz Kinga Klaudia Konrad
	Kornelia Krystian Krystyna Krzysztof Ksawery Kuba Leszek Liliana Lucyna Lukasz Łukasz Magdalena
	Maksymilian Malgorzata Małgorzata Malwina Marcin Marek Mariusz Marlena Marta Martyna Marysia Mateusz
	Michal Michał Mikolaj Mikołaj Milena Milosz Miłosz Mirosław Monika Natalia Nikodem Nikola Nikolai
	Ola Oliwer Oliwia Oliwka Oskar Patrycja Paulina Pawel Paweł Piotr Pola Przemek Przemysław Radek
	Radosław Rafal Rafał Renata Roksana Ryszard Sławomir Stanislaw Stanisław Sylwia Szymon Tadeusz
	Tomasz Tomek Tymon Tymoteusz Urszula Waldemar Wanda Weronika Wiesław Wiktor Wiktoria Wioletta Witold
	Wojciech Wojtek Żaneta Zbigniew Zenon Zofia Zosia Zuzanna
`;

/** Other names common in Dutch classrooms: Southern and Eastern European, Syrian, Kurdish, Somali, Eritrean, Afghan. */
const OTHER = `
	Abdi Abdul Alejandro Alessandro Alessia Alexandra Alina Ana Anastasia Andreea Andrei Aram Arash Ayan
	Azad Bashar Bayan Berivan Biniam Carlos Cristian Cristina Daniela Darius Dasha Dawit Diego Dmitri
	Eduardo Ekaterina Farah Fernando Filmon Francesca Giorgio Giulia Hadi Hamid Haya Hodan Hussain
	Hussein Ioana Irina Ivana Jana Javier Jelena Jorge Joud Katya Kawa Khaled Lamar Leen Luis Lujain
	Luwam Mahmoud Mahmud Majd Maram Marija Mario Masha Mateo Merhawi Miguel Mihai Mihret Milica Mohammad
	Noura Obada Oleksandr Olena Olga Omid Pablo Paolo Parisa Pedro Qusai Rahaf Rami Ranim Rawan Razan
	Reem Reza Rezan Robel Rojin Rozhin Sasha Selam Semhar Senait Sergei Shahd Shirin Shvan Sidra Sina
	Svetlana Tala Tasnim Tatiana Tymur Valentina Vlad Vladimir Wael Walaa Yana Yazan Yonas Zana
`;

const ALL_NAMES = set(
	[
		DUTCH_BOYS,
		DUTCH_GIRLS,
		ENGLISH_BOYS,
		ENGLISH_GIRLS,
		MOROCCAN_BOYS,
		MOROCCAN_GIRLS,
		TURKISH_BOYS,
		TURKISH_GIRLS,
		SURINAMESE_ANTILLEAN,
		POLISH,
		OTHER
	].join(' ')
);

/**
 * Given names that are also everyday Dutch or English words ("ik ben", "max 2 foto's", "will you",
 * "a rose", "fleur je profiel op"). They count as a name only in a person context: after a title, in
 * "die van …", before "uit 2b"/"from 9B", or as the subject of an insult ("roos is dom"); or, as any
 * word, when capitalised in the middle of a sentence. Checked against the Dutch and English word
 * lists of Debian's wdutch and wamerican/wbritish packages, keeping the collisions a proposal can
 * plausibly contain.
 */
export const NAMES_THAT_ARE_WORDS = set(`
	ben dan max job mark will can said bill don guy ken ray pat sue art kay drew chase nick rob jack frank
	miles sunny summer autumn dawn sky hope joy faith grace destiny precious june april may rose roos lot
	lies joke lieve floor fleur storm taco ton toon leen kader beren greet harm ids nada nil erin koos
`);

/** Given names that are not everyday words: a name wherever they stand, in any case. */
export const FIRST_NAMES: ReadonlySet<string> = new Set([...ALL_NAMES].filter((name) => !NAMES_THAT_ARE_WORDS.has(name)));
